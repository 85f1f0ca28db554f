from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion
import django.utils.timezone

from editorial.roles import ROLE_NAMES, install_roles

def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=ROLE_NAMES
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0001_initial'),
        ('authors', '0001_initial'),
        ('permalinks', '0001_initial'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='article',
            options={'ordering': ['-published_at', '-id'], 'permissions': [('publish_article', 'Can publish, schedule and unpublish articles'), ('edit_any_article', 'Can edit articles of other people at any status'), ('purge_article', 'Can delete articles from the trash for good')]},
        ),
        migrations.AddField(
            model_name='article',
            name='created_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='article',
            name='last_edited_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='article',
            name='trashed_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='Set when moved to the trash.', null=True),
        ),
        migrations.AddField(
            model_name='article',
            name='unpublish_at',
            field=models.DateTimeField(blank=True, help_text='Optional: the article leaves the public site by itself at this time.', null=True, verbose_name='expires at'),
        ),
        migrations.AddField(
            model_name='article',
            name='version',
            field=models.PositiveIntegerField(default=0, editable=False, help_text='Raised by every editor save; guards stale forms.'),
        ),
        migrations.CreateModel(
            name='HomeSlot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(default=0, help_text='0 leads the page; featured stories follow in this order.')),
                ('article', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='home_slot', to='articles.article')),
            ],
            options={
                'verbose_name': 'home-page pick',
                'verbose_name_plural': 'home-page picks',
                'ordering': ['position', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Transition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(max_length=30)),
                ('from_status', models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('ready', 'Ready'), ('published', 'Published'), ('unpublished', 'Unpublished')], max_length=20)),
                ('to_status', models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('ready', 'Ready'), ('published', 'Published'), ('unpublished', 'Unpublished')], max_length=20)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('note', models.CharField(blank=True, max_length=300)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='transitions', to='articles.article')),
                ('by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='Correction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('correction', 'Correction'), ('update', 'Update')], default='correction', max_length=20)),
                ('text', models.TextField(help_text='Plain text: what was wrong, and what is right.')),
                ('noted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='date')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='corrections', to='articles.article')),
            ],
            options={
                'ordering': ['noted_at', 'id'],
                'indexes': [models.Index(fields=['-noted_at'], name='correction_recent_idx')],
            },
        ),
        migrations.CreateModel(
            name='Revision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField()),
                ('data', models.JSONField()),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('message', models.CharField(blank=True, max_length=200)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='revisions', to='articles.article')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-number'],
                'constraints': [models.UniqueConstraint(fields=('article', 'number'), name='unique_revision_number')],
            },
        ),
        migrations.RunPython(install_roles, remove_roles),
    ]
